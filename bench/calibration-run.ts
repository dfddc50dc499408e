import { defaultContentDir } from '../src/app.js';
import { loadContent } from '../src/core/content/load.js';
import { createLibrary } from '../src/core/library.js';
import { readinessModel } from '../src/core/readiness/estimate.js';
import { evaluate, simulate } from './calibration.js';
import { dayMs } from './learners.js';
import { progress, round, writeResults } from './measure.js';

/**
 * npm run bench:calibration: simulated learners (a different model from the estimator's)
 * study for 60 days; the estimator's figures are compared with their true chances. Seeded,
 * so every run prints the same. `--tune` compares model settings on another seed (1), so
 * the reported seed (2) is not the one the settings were chosen on.
 */
const learners = 1000;
const days = 60;
const library = createLibrary(loadContent(defaultContentDir));
const now = Date.UTC(2026, 0, 5, 9) + days * dayMs;

if (process.argv.includes('--tune')) {
  const sim = simulate(library, learners, days, 1);
  for (const halfLifeDays of [14, 30, 60]) {
    for (const memberPrior of [3, 6, 12]) {
      for (const topicPrior of [2, 4, 8]) {
        const r = evaluate(library, sim, now, { ...readinessModel, halfLifeDays, memberPrior, topicPrior });
        progress(`half-life ${halfLifeDays} d, member prior ${memberPrior}, topic prior ${topicPrior}: calibration ${round(r.calibrationError)}, Brier ${round(r.brier)}, rank ${round(r.topicRankGroup)} / ${round(r.topicRankMember)}, shown ${r.shown}`);
      }
    }
  }
} else {
  const r = evaluate(library, simulate(library, learners, days, 2), now);
  process.stdout.write(`\nCalibration: ${learners} simulated learners, ${days} days, seed 2; ${r.shown} have enough answers for a figure.\n\n`);
  process.stdout.write('| decile | mean estimate | mean true chance | pairs |\n|---|---|---|---|\n');
  r.bins.forEach((b, i) => process.stdout.write(`| ${i + 1} | ${round(b.predicted)} | ${round(b.truth)} | ${b.n} |\n`));
  const figures: [string, string, boolean | undefined][] = [
    ['calibration_error', `${round(r.calibrationError)} ≤ 0.05`, r.calibrationError <= 0.05],
    ['brier', `${round(r.brier)} (a perfect estimate: ${round(r.brierFloor)})`, undefined],
    ['topic_rank_correlation', `${round(r.topicRankGroup)} ≥ 0.8 (the group's topics, as /readiness group ranks them)`, r.topicRankGroup >= 0.8],
    ['topic_rank_correlation_member', `${round(r.topicRankMember)} (each member's own 16 topics, averaged)`, undefined],
    ['readiness_abs_error', `${round(r.overallError)} (each member's exam-weighted figure)`, undefined],
  ];
  process.stdout.write(`\n| figure | measured | met |\n|---|---|---|\n${figures.map(([k, v, ok]) => `| ${k} | ${v} | ${ok === undefined ? '' : ok ? 'yes' : 'NO'} |`).join('\n')}\n\n`);
  writeResults({
    calibration_error: round(r.calibrationError),
    brier: round(r.brier),
    brier_floor: round(r.brierFloor),
    topic_rank_correlation: round(r.topicRankGroup),
    topic_rank_correlation_member: round(r.topicRankMember),
    readiness_abs_error: round(r.overallError),
    calibration_learners_shown: r.shown,
  });
  progress('wrote the calibration figures to bench/results.json');
}
