// Every count reads in the right number: "1 proposal", "2 proposals"; built-in metrics and custom
// units alike, with the singular a custom unit derives when none was stored.
import { describe, expect, it } from 'vitest';
import { metricLabel, singularOf } from '../../../src/shared/metric-label.ts';
import { Metric, STANDARD_METRICS } from '../../../src/shared/mission.ts';

describe('metricLabel', () => {
  it('gives every built-in metric a singular for 1 and its plural otherwise', () => {
    const rows = STANDARD_METRICS.map((kind) => [0, 1, 2].map((n) => metricLabel({ kind }, n)));
    expect(rows).toEqual([
      ['meetings', 'meeting', 'meetings'],
      ['calls', 'call', 'calls'],
      ['follow-ups', 'follow-up', 'follow-ups'],
      ['new opportunities', 'new opportunity', 'new opportunities'],
      ['demos', 'demo', 'demos'],
    ]);
  });

  it('uses a custom unit’s own singular, or derives one when the mission has none', () => {
    const people = Metric.parse({
      kind: 'custom',
      label: 'Contacts',
      unit: 'people',
      singular: 'person',
    });
    const proposals = Metric.parse({ kind: 'custom', label: 'Proposals', unit: 'proposals' });
    expect([1, 2].map((n) => metricLabel(people, n))).toEqual(['person', 'people']);
    expect([1, 2].map((n) => metricLabel(proposals, n))).toEqual(['proposal', 'proposals']);
    // A stored metric without a singular stays without one: nothing is added to the document.
    expect(proposals).toEqual({ kind: 'custom', label: 'Proposals', unit: 'proposals' });
  });

  it('refuses an empty singular with a sentence the rep can act on', () => {
    const result = Metric.safeParse({ kind: 'custom', label: 'A', unit: 'emails', singular: ' ' });
    expect(result.success ? null : result.error.issues[0]?.message).toBe(
      'Say what one is called, like "email"',
    );
  });
});

describe('singularOf', () => {
  it('follows English’s regular plurals', () => {
    const units = [
      'proposals',
      'emails',
      'quotes',
      'case studies',
      'boxes',
      'pitches',
      'addresses',
      'keys',
    ];
    expect(units.map(singularOf)).toEqual([
      'proposal',
      'email',
      'quote',
      'case study',
      'box',
      'pitch',
      'address',
      'key',
    ]);
  });

  it('makes the counted word singular, not the one after "of"', () => {
    expect(singularOf('hours of calls')).toBe('hour of calls');
    expect(singularOf('site visits')).toBe('site visit');
  });

  it('keeps words that do not end in a plural s, for the rep to correct', () => {
    expect(['people', 'status', 'analysis', 'class', 'sms'].map(singularOf)).toEqual([
      'people',
      'status',
      'analysis',
      'class',
      'sms',
    ]);
  });
});
