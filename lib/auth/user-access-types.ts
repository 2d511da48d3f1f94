// Client-safe shape of a person's access as the Settings page shows it.
export interface UserAccessRow {
  id: string;
  upn: string;
  name: string;
  roles: string[];
  lastLoginAt: string | null;
  activeSessions: number;
  lastSeenAt: string | null;
  activeTokens: number;
}
