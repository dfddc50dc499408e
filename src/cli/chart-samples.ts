import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPng } from '../adapters/chart-png.js';
import { projectRoot } from '../app.js';
import { activityChart } from '../core/charts/activity-chart.js';
import { digestChart } from '../core/charts/digest-chart.js';
import { examReportChart } from '../core/charts/exam-report-chart.js';
import { readinessChart } from '../core/charts/readiness-chart.js';
import { revealChart } from '../core/charts/reveal-chart.js';

/** npm run charts:samples: the sample pictures shown in the README, drawn by the bot's own code. */
const out = join(projectRoot, 'docs', 'charts');
mkdirSync(out, { recursive: true });
const samples = [
  revealChart({
    choices: [
      { key: 'A', text: 'Compute Savings Plans', count: 14 },
      { key: 'B', text: 'EC2 Reserved Instances', count: 6 },
      { key: 'C', text: 'EC2 Spot Instances', count: 3 },
      { key: 'D', text: 'EC2 Dedicated Hosts', count: 1 },
    ],
    correct: [0],
    answered: 24,
  }),
  activityChart(Array.from({ length: 30 }, (_, i) => ({ day: new Date(Date.UTC(2026, 10, 3 + i)).toISOString().slice(0, 10), answered: [0, 2, 3, 1, 0, 4, 5][i % 7]!, correct: [0, 1, 3, 1, 0, 2, 4][i % 7]! }))),
  readinessChart(
    [
      { title: 'Containers (ECS, EKS, ECR)', readiness: 0.81 },
      { title: 'AWS Fargate', readiness: 0.74 },
      { title: 'AWS Lambda', readiness: 0.62 },
      { title: 'Amazon API Gateway', readiness: 0.48 },
      { title: 'AWS Batch', readiness: undefined },
      { title: 'Amazon Lightsail', readiness: 0.7 },
    ],
    0.7,
  ),
  examReportChart({
    score: 742,
    pass: 700,
    min: 100,
    max: 1000,
    topics: [
      { title: 'Containers', right: 6, total: 7 },
      { title: 'Serverless', right: 5, total: 8 },
      { title: 'Batch and Lightsail', right: 4, total: 5 },
    ],
  }),
  digestChart({
    weekLabel: '2026-11-16 to 2026-11-22',
    answers: 58,
    right: 39,
    topics: [
      { title: 'Containers (ECS, EKS, ECR)', chance: 0.76 },
      { title: 'AWS Fargate', chance: 0.71 },
      { title: 'AWS Lambda', chance: 0.64 },
      { title: 'Amazon API Gateway', chance: 0.55 },
      { title: 'AWS Batch', chance: 0.6 },
      { title: 'Amazon Lightsail', chance: 0.73 },
    ],
    passLine: 0.7,
  }),
];
for (const chart of samples) {
  writeFileSync(join(out, chart.name), await renderPng(chart.svg));
  process.stdout.write(`${join('docs', 'charts', chart.name)}\n`);
}
