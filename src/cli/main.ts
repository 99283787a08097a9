#!/usr/bin/env node
/**
 * `xiaozheng` entry point. The primary of `serve --workers N` needs none of the app, so it is
 * started before the command line (program.ts) and the modules it imports are loaded.
 */
import cluster from 'node:cluster';
import { primaryWorkers, servePrimary } from './serve-primary.js';

const workers = cluster.isPrimary ? primaryWorkers(process.argv) : null;
if (workers !== null) servePrimary(workers);
else await import('./program.js');
