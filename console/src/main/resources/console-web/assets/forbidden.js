import { translate } from './console.js';

translate();
