/**
 * Orders the work queue. Every day counts: about half of evictions can still be avoided at the
 * lawsuit stage, under 20 % once an eviction date is set. So the nearest legal deadline dominates,
 * households with children and declared vulnerability come next, and a missed first contact
 * (no attempt within the working days allowed after receipt) pushes a case up.
 */
export interface UrgencyInput {
  today: string; // YYYY-MM-DD
  /** The nearest open deadline that decides the tenancy (Schonfrist end, eviction date …). */
  nextDeadline?: { kind: string; date: string } | null;
  children: number;
  vulnerable: boolean;
  firstContactDue: string;
  firstContactAttempted: boolean;
}

export interface Urgency {
  score: number;
  daysLeft: number | null;
  overdueFirstContact: boolean;
  reasons: ('deadline_passed' | 'deadline_within_7_days' | 'deadline_within_14_days' | 'children' | 'vulnerable' | 'first_contact_overdue')[];
}

const DAY = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export function urgency(i: UrgencyInput): Urgency {
  const reasons: Urgency['reasons'] = [];
  const daysLeft = i.nextDeadline ? daysBetween(i.today, i.nextDeadline.date) : null;
  // 0–1000 from the deadline: passed = 1000, then 10 points less per remaining day; none = 0.
  let score = daysLeft === null ? 0 : Math.max(0, 1000 - Math.max(0, daysLeft) * 10);
  if (daysLeft !== null && daysLeft < 0) reasons.push('deadline_passed');
  else if (daysLeft !== null && daysLeft <= 7) reasons.push('deadline_within_7_days');
  else if (daysLeft !== null && daysLeft <= 14) reasons.push('deadline_within_14_days');
  if (i.children > 0) {
    score += 150;
    reasons.push('children');
  }
  if (i.vulnerable) {
    score += 150;
    reasons.push('vulnerable');
  }
  const overdueFirstContact = !i.firstContactAttempted && i.today > i.firstContactDue;
  if (overdueFirstContact) {
    score += 200;
    reasons.push('first_contact_overdue');
  }
  return { score, daysLeft, overdueFirstContact, reasons };
}
