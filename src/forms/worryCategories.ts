/**
 * The kinds of worry a school can report about a pupil. One list for the worry report (what is
 * asked) and the partner directory (what partners can be called on for).
 */
export const WORRIES = [
  'unreachable',
  'notOnPlatform',
  'paperNotCollected',
  'motivation',
  'homeSituation',
  'wellbeing',
  'absence',
  'practicalNeeds',
  'other',
] as const;
