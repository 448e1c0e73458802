import { describe, expect, it } from 'vitest';
import { loadCalendar } from './calendar';
import { daysLeft, deadlineLight } from './light';

const calendar = loadCalendar();
const light = (due: string, today: string, yellow = 2) => deadlineLight(due, today, calendar, yellow);

describe('deadline lights', () => {
  // Due Tue 2026-10-13; the working days before it are 10-12 (Mon), 10-10 (调休 Sat), 10-09, 10-08.
  it('counts the working days after today up to and including the due day', () => {
    expect(daysLeft('2026-10-13', '2026-09-30', calendar)).toBe(5);
    expect(daysLeft('2026-10-13', '2026-10-09', calendar)).toBe(3);
    expect(daysLeft('2026-10-13', '2026-10-10', calendar)).toBe(2);
    expect(daysLeft('2026-10-13', '2026-10-11', calendar)).toBe(2); // Sunday: 10-12, 10-13 left
    expect(daysLeft('2026-10-13', '2026-10-13', calendar)).toBe(0);
  });

  it('green while more than yellowWorkingDays remain, yellow from then to the due day, red after it', () => {
    expect(light('2026-10-13', '2026-09-30')).toBe('green');
    expect(light('2026-10-13', '2026-10-09')).toBe('green');
    expect(light('2026-10-13', '2026-10-10')).toBe('yellow');
    expect(light('2026-10-13', '2026-10-13')).toBe('yellow');
    expect(light('2026-10-13', '2026-10-14')).toBe('red');
    // During the holiday only one working day (10-08) separates today from the due day.
    expect(light('2026-10-08', '2026-10-01')).toBe('yellow');
    expect(light('2026-10-13', '2026-10-10', 0)).toBe('green');
    expect(light('2026-10-13', '2026-10-13', 0)).toBe('yellow');
  });

  it('overdue is always negative, even when only rest days have passed', () => {
    // Due Fri 2026-11-27.
    expect(daysLeft('2026-11-27', '2026-11-28', calendar)).toBe(-1); // Saturday
    expect(daysLeft('2026-11-27', '2026-11-30', calendar)).toBe(-1); // Monday
    expect(daysLeft('2026-11-27', '2026-12-01', calendar)).toBe(-2);
    expect(light('2026-11-27', '2026-11-28')).toBe('red');
  });
});
