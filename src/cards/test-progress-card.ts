import type { IsoDate } from '../domain/dates';
import { jobText } from '../messages/jobs';
import { buildCard, type Card, plainText } from './card';
import { mostRowsThatFit } from './fit';

export interface PlaceTestProgress {
  /** A village, or an isolation point (its name with a note that it is one). */
  placeName: string;
  due: number;
  sampled: number;
  results: number;
  missed: number;
}

/** 「核酸采样进度」 for the testing task force: the township's totals, then a line per village, as many as fit. */
export function testProgressCard(date: IsoDate, progress: readonly PlaceTestProgress[]): Card {
  const sum = (k: 'due' | 'sampled' | 'results') => progress.reduce((n, p) => n + p[k], 0);
  const title = jobText.testProgressTitle(date);
  const total = plainText(jobText.testProgressTotal({ villages: progress.length, due: sum('due'), sampled: sum('sampled'), results: sum('results') }));
  const withLines = (n: number) => {
    const more = progress.length - n;
    const lines = progress.slice(0, n).map((p) => plainText(jobText.testProgressLine(p)));
    return buildCard({ title, color: 'blue', summary: title, elements: [total, ...lines, ...(more ? [plainText(jobText.testProgressMore(more))] : [])] });
  };
  return withLines(mostRowsThatFit(progress.length, withLines));
}
