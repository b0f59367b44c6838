import { WEEKDAYS, type OpeningHours } from '../helplineData';

interface LocalTime {
  date: string; // YYYY-MM-DD in the helpline's time zone
  weekday: (typeof WEEKDAYS)[number];
  minutes: number; // since local midnight
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When staff answer, from the data file, in the helpline's own time zone (Europe/Brussels), so
 * that summer time and a server in another zone change nothing.
 */
export class OpeningHoursCalendar {
  private readonly format: Intl.DateTimeFormat;

  constructor(private readonly hours: OpeningHours) {
    this.format = new Intl.DateTimeFormat('en-GB', {
      timeZone: hours.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  get timeZone(): string {
    return this.hours.timeZone;
  }

  isOpen(at: Date): boolean {
    const local = this.local(at);
    if (this.hours.holidays.includes(local.date)) return false;
    return (this.hours.weekly[local.weekday] ?? []).some(
      ([from, to]) => local.minutes >= toMinutes(from) && local.minutes < toMinutes(to),
    );
  }

  /** The next moment staff are there (at most two weeks ahead), or undefined when never. */
  nextOpening(after: Date): Date | undefined {
    // Step in 15-minute slots: opening times in the data file are on quarter hours.
    const step = 15 * 60 * 1000;
    const start = Math.ceil(after.getTime() / step) * step;
    for (let t = start; t < after.getTime() + 14 * 24 * 3600 * 1000; t += step) {
      if (this.isOpen(new Date(t))) return new Date(t);
    }
    return undefined;
  }

  /** "09:00–12:00" style summary of a normal weekday, for messages. */
  summary(): string {
    const ranges = this.hours.weekly.mon ?? this.hours.weekly.tue ?? [];
    return ranges.map(([from, to]) => `${from}–${to}`).join(', ');
  }

  private local(at: Date): LocalTime {
    const parts = Object.fromEntries(this.format.formatToParts(at).map((p) => [p.type, p.value]));
    const weekday = String(parts.weekday).toLowerCase().slice(0, 3) as LocalTime['weekday'];
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday,
      minutes: Number(parts.hour) * 60 + Number(parts.minute),
    };
  }
}
