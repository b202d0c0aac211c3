import '../../src/action/main.js';
