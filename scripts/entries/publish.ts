import '../../src/publish/main.js';
