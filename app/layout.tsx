import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AuthModeBanner } from "@/components/auth/auth-mode-banner";
import { QueryProvider } from "@/components/query/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Registry Ledger", template: "%s · Registry Ledger" },
  description: "Inventory and storage of Azure Container Registry estates",
  icons: { icon: "/favicon.svg" },
};

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/registries", label: "Registries" },
  { href: "/repositories", label: "Repositories" },
  { href: "/costs", label: "Costs" },
  { href: "/chargeback", label: "Chargeback" },
  { href: "/teams", label: "Teams" },
  { href: "/trends", label: "Trends" },
  { href: "/replication", label: "Replication" },
  { href: "/findings", label: "Findings" },
  { href: "/stale", label: "Stale tags" },
  { href: "/size-regressions", label: "Size regressions" },
  { href: "/sync", label: "Sync" },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            Registry Ledger
          </Link>
          <nav className="nav" aria-label="Main" data-testid="nav">
            {NAV.map((item) => (
              <Link key={item.href} href={item.href}>
                {item.label}
              </Link>
            ))}
          </nav>
        </header>
        <AuthModeBanner />
        <QueryProvider>
          <main className="main">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
