#!/usr/bin/env node
import '../../src/rollout/main.js';
