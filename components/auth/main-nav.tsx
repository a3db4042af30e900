import { headers } from "next/headers";
import Link from "next/link";
import { decide, type Need } from "@/lib/auth/access";
import { identityFromHeaders } from "@/lib/auth/server/authorize";
import { getChargebackConfig } from "@/lib/chargeback/server/config-store";

export type NavItem = { href: string; label: string; need: Need };

/**
 * The main navigation, without the pages the caller cannot open. Cosmetic only: every page asks
 * the scope check itself. Before sign-in every link shows (each page then asks to sign in).
 */
export async function MainNav({ items }: { items: readonly NavItem[] }) {
  // A bad credential is the page's to refuse (401); the nav then shows every link.
  const identity = await identityFromHeaders(await headers()).catch(() => null);
  const teams = identity && identity.roles.length === 0 ? (await getChargebackConfig()).config.teams : [];
  const visible =
    identity === null || identity.via === "local" ? items : items.filter((i) => decide(identity, i.need, teams).ok);
  return (
    <nav className="nav" aria-label="Main" data-testid="nav">
      {visible.map((item) => (
        <Link key={item.href} href={item.href}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
