import { DeskError, type StaffMember } from '../handoff/staffDesk';

/**
 * Who may see and act on what (CONTRACT.md: agents on their own teams' conversations and cases,
 * coordinators on all). Before issue 20 any agent read every worry report (children's data),
 * claimed and noted other teams' conversations and moved their cases on.
 *
 * @remarks A case's team is its kind's in the data file's `teams` (the team its conversation
 * was queued for), else the general team; a conversation carries its team from the queue. An
 * item without a team is for coordinators only: an unknown team is nobody's.
 */
export class TeamWall {
  constructor(private readonly teams: Readonly<Record<string, string>>) {}

  /** The team a case of this kind belongs to. */
  caseTeam(kind: string): string {
    return this.teams[kind] ?? this.teams.general ?? 'general';
  }

  maySee(staff: StaffMember, team: string | undefined): boolean {
    return staff.role === 'coordinator' || (team !== undefined && team !== '' && staff.teams.includes(team));
  }

  /** Throws 403 when the staff member is not of that team (and no coordinator). */
  require(staff: StaffMember, team: string | undefined): void {
    if (!this.maySee(staff, team)) throw new DeskError(403, 'this belongs to another team');
  }
}
