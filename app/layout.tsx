import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AuthModeBanner } from "@/components/auth/auth-mode-banner";
import { MainNav, type NavItem } from "@/components/auth/main-nav";
import { SignedInAs } from "@/components/auth/signed-in-as";
import { QueryProvider } from "@/components/query/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Registry Ledger", template: "%s · Registry Ledger" },
  description: "Inventory and storage of Azure Container Registry estates",
  icons: { icon: "/favicon.svg" },
};

const READ = { action: "read" } as const;
const TEAM_READ = { action: "read", teamScoped: true } as const;
/** What each page asks the scope check (its authorizePage call), so the nav can hide what a caller cannot open. */
const NAV: NavItem[] = [
  { href: "/", label: "Overview", need: TEAM_READ },
  { href: "/registries", label: "Registries", need: READ },
  { href: "/repositories", label: "Repositories", need: TEAM_READ },
  { href: "/costs", label: "Costs", need: READ },
  { href: "/chargeback", label: "Chargeback", need: TEAM_READ },
  { href: "/teams", label: "Teams", need: TEAM_READ },
  { href: "/trends", label: "Trends", need: TEAM_READ },
  { href: "/replication", label: "Replication", need: READ },
  { href: "/findings", label: "Findings", need: READ },
  { href: "/stale", label: "Stale tags", need: TEAM_READ },
  { href: "/size-regressions", label: "Size regressions", need: TEAM_READ },
  { href: "/sync", label: "Sync", need: READ },
  { href: "/audit", label: "Audit log", need: { action: "read-audit" } },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            Registry Ledger
          </Link>
          <MainNav items={NAV} />
          <SignedInAs />
        </header>
        <AuthModeBanner />
        <QueryProvider>
          <main className="main">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
