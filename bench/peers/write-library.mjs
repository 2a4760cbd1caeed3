// Writes the benchmark's stored library (100,000 words, 10,000 annotations unless told) to
// standard output, for the native memory benchmark:
//
//   node bench/peers/write-library.mjs [words] [annotations] > target/bench-library.json
import { article, annotations, library } from './corpus.mjs';

const [words = 100_000, count = 10_000] = process.argv.slice(2).map(Number);
const text = article(words);
process.stdout.write(library(text, annotations(text, count)));
