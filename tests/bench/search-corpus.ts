/**
 * A synthetic, seeded library of ML papers for search benches: titles of 6–13 words, abstracts of
 * 150–250 words, 1–12 authors from 20k identities (prolific ones recur), 0–3 tags, arXiv-style ids.
 * Ten target papers are planted, each with a rare word that also appears in a few "near distractor"
 * papers, and 50 queries (27 aimed at a target: exact, typos, prefixes, authors, ids, diacritics, an
 * abstract phrase) mirror the ones of shared/reference/search-bench.md.
 */
import type { PaperRecord } from '@/utils/paper/record';

export interface BenchQuery {
  query: string;
  kind: 'exact' | 'typo' | 'prefix' | 'author' | 'id' | 'diacritics' | 'abstract' | 'general';
  /** Index into `targets` when the query aims at a planted paper. */
  target?: number;
}

export interface SyntheticCorpus {
  records: PaperRecord[];
  /** Ids of the planted papers. */
  targets: string[];
  queries: BenchQuery[];
  /** Typed one key at a time. */
  typing: { text: string; target?: number }[];
}

/** mulberry32: small, fast, seeded. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONCEPTS = (
  'diffusion transformer attention graph neural network reinforcement learning language model vision contrastive ' +
  'self-supervised generative adversarial variational autoencoder retrieval augmented generation mixture experts sparse ' +
  'quantization pruning distillation federated continual meta few-shot zero-shot multimodal video speech audio 3d point ' +
  'cloud segmentation detection tracking depth estimation optical flow radiance fields gaussian splatting policy ' +
  'optimization reward preference alignment instruction tuning prompt chain-of-thought reasoning planning agents tool ' +
  'code math theorem proving protein molecule drug discovery weather forecasting time-series tabular recommendation ' +
  'ranking search kv cache speculative decoding inference serving long-context memory state-space lora adapter ' +
  'fine-tuning benchmark evaluation hallucination safety robustness privacy fairness interpretability causal bayesian ' +
  'uncertainty kernel manifold equivariant invariant symmetry physics-informed operator pde solver robot manipulation ' +
  'navigation locomotion world imitation offline online bandit exploration curriculum scaling laws emergent tokenizer ' +
  'embedding vector database knowledge editing unlearning watermarking compression efficient hardware accelerator ' +
  'quantum hyperparameter normalization dropout residual convolutional recurrent sequence masked pretraining synthetic ' +
  'data curation annotation active weak supervision semi-supervised domain adaptation generalization out-of-distribution ' +
  'anomaly clustering dimensionality reduction spectral contrastive energy-based flow matching consistency score ' +
  'sampling denoising latent codebook vq tokenization vision-language grounding captioning question answering summarization ' +
  'translation dialogue moderation toxicity jailbreak red-teaming reward-model critique verifier search-based evolutionary'
).split(' ');

const DATASETS = 'imagenet coco cifar-10 mmlu gsm8k humaneval librispeech kitti nuscenes shapenet ade20k laion webvid math arc hellaswag squad wikitext c4 pile'.split(' ');
const FILLER = (
  'the of and to in a we our that is for on with this by as are from be an which these can it results show method ' +
  'approach propose novel performance existing methods significantly improves outperforms state-of-the-art experiments ' +
  'demonstrate task tasks across framework training large models new both while however further also than more each ' +
  'without using based effective simple strong baselines extensive evaluation study analysis key challenge problem'
).split(' ');
const CONNECTORS = ['for', 'with', 'via', 'towards', 'in', 'of', 'through', 'beyond', 'and'];
const FIRST_NAMES = (
  'Wei Jiaqi Haoran Yifan Priya Ananya Rohan Divya Aarav Karthik Sarah Emily Hannah Michael James Tobias Jonas Lena ' +
  'Anja Jörg Chiara Matteo Giulia Niccolò Élodie Théo Chloé Rémi José Lucía Inés Alejandro João Beatriz Kwame Amara ' +
  'Oluwaseun Chiamaka Minh Thảo Quang Lan Kenta Haruto Sakura Yui Eunji Jiwoo Minjun Olena Dmytro Ivan Anastasia ' +
  'Łukasz Michał Zofia Çağrı Elif Emre Zeynep Omar Layla Yousef Nikos Eleni Guðrún Sigríður Hildur Þórdís'
).split(' ');
const LAST_NAMES = (
  'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Sharma Gupta Banerjee Iyer ' +
  'Subramanian Patel Kumar Singh Smith Johnson Brown Miller Davis Carter Mitchell Brooks Müller Schmidt Schneider ' +
  'Fischer Weber Köhler Hoffmann Schäfer Groß Weiß Rossi Russo Ferrari Esposito Bianchi Romano Ferri Moreau Girard ' +
  'Lefèvre Fontaine Bérard Martínez García Rodríguez Fernández Peña Gonçalves Carvalho Silva Okafor Adeyemi Mensah ' +
  'Nwosu Nguyễn Trần Lê Phạm Tanaka Suzuki Takahashi Watanabe Yamamoto Sato Kim Lee Park Choi Jung Kovalenko ' +
  'Shevchenko Tkachenko Bondarenko Volkov Sokolov Nowak Wójcik Kowalczyk Zieliński Dvořák Novák Svoboda Černý ' +
  'Yılmaz Demir Şahin Öztürk Ahmadi Tehrani Haddad Mansour Papadopoulos Georgiou Jónsdóttir Sigurðardóttir Einarsdóttir'
).split(' ');
const TAGS = ['toread', 'survey', 'robotics', 'llm', 'vision', 'rl', 'theory', 'reading-group', 'baseline', 'cite'];

/** The planted papers: a title, an abstract sentence, authors; each rare word also goes to a few distractors. */
const TARGETS: { title: string; sentence: string; authors: string[]; rare: string; id?: string }[] = [
  { title: 'Koopman Operators for Diffusion Policy Learning', sentence: 'We lift diffusion policies with Koopman operators.', authors: ['Mei Tanaka'], rare: 'koopman' },
  { title: 'Sheaf Neural Networks for Heterophilic Graphs', sentence: 'Cellular sheaves handle heterophilic graphs.', authors: ['Farid Ahmadi'], rare: 'sheaf', id: '2403.01234' },
  { title: 'Tropical Geometry of Mixture-of-Experts Routing', sentence: 'Routing in sparse experts is piecewise linear.', authors: ['Sigríður Ólafsdóttir', 'Ben Carter'], rare: 'tropical' },
  { title: 'Origami-Inspired Policies for Robotic Manipulation', sentence: 'Folding priors help manipulation policies.', authors: ['Yuki Sato'], rare: 'origami', id: '2211.09876' },
  { title: 'Wasserstein-Calibrated Retrieval for Language Models', sentence: 'Calibrated retrieval with optimal transport.', authors: ['Chidi Okonkwo'], rare: 'wasserstein' },
  { title: 'Banach Space Attention in Transformers', sentence: 'Attention kernels beyond Hilbert spaces.', authors: ['Anya Volkonsky'], rare: 'banach' },
  { title: 'Lattice Boltzmann Surrogates with Neural Operators', sentence: 'Neural surrogates of lattice Boltzmann solvers.', authors: ['Pierre Dubois'], rare: 'boltzmann' },
  { title: 'Quine Agents: Self-Replicating Prompts for Tool Use', sentence: 'Prompts that print themselves.', authors: ['Ola Nordmann'], rare: 'quine' },
  { title: 'Hyperbolic Embeddings for Hierarchical Label Spaces', sentence: 'Trees embed well in hyperbolic space.', authors: ['Priya Raghunathan'], rare: 'hyperbolic' },
  { title: 'Neural Activity Maps from Whole-Brain Imaging', sentence: 'We record zebrafish larvae during prey capture.', authors: ['Lars Berg'], rare: 'zebrafish' },
];

const QUERIES: BenchQuery[] = [
  ...(['koopman diffusion', 'sheaf heterophilic', 'tropical routing', 'origami manipulation', 'wasserstein calibrated', 'banach attention', 'lattice boltzmann', 'quine agents'] as const).map(
    (query, target) => ({ query, kind: 'exact' as const, target }),
  ),
  { query: 'koopmann difusion', kind: 'typo', target: 0 },
  { query: 'sheaf nueral', kind: 'typo', target: 1 },
  { query: 'tropcal mixture', kind: 'typo', target: 2 },
  { query: 'origmai policy', kind: 'typo', target: 3 },
  { query: 'wasserstien retrieval', kind: 'typo', target: 4 },
  { query: 'banach trensformer', kind: 'typo', target: 5 },
  { query: 'raghunatan', kind: 'typo', target: 8 },
  { query: 'boltzman surrogates', kind: 'typo', target: 6 },
  { query: 'qiune prompts', kind: 'typo', target: 7 },
  { query: 'koopman diffu', kind: 'prefix', target: 0 },
  { query: 'tropic expe', kind: 'prefix', target: 2 },
  { query: 'okonkwo', kind: 'author', target: 4 },
  { query: 'volkonsky', kind: 'author', target: 5 },
  { query: 'raghunathan hyperbolic', kind: 'author', target: 8 },
  { query: '2403.01234', kind: 'id', target: 1 },
  { query: '2211.0987', kind: 'id', target: 3 },
  { query: 'olafsdottir', kind: 'diacritics', target: 2 },
  { query: 'zebrafish larvae', kind: 'abstract', target: 9 },
  { query: 'zebrafsh', kind: 'abstract', target: 9 },
  ...(
    'diffu|transformer|difusion modle|reinforcment learning|atention|graph neural|mixture of experts|speculative decod|kv cache|' +
    'lora|contrastive|quantizaton|wang|priya kumar|schmidt|nguyen reward|llm|toread|survey|robotics|protein|imagenet|neural radiance'
  )
    .split('|')
    .map((query) => ({ query, kind: 'general' as const })),
];

const TYPING = [
  { text: 'koopman diff', target: 0 },
  { text: 'sheaf nueral', target: 1 },
  { text: 'difusion mod' },
];

export interface CorpusOptions {
  /**
   * Made-up rare words added to each abstract (drawn from 400k, skewed): real abstracts bring names,
   * acronyms and numbers, so a real 50k library has a vocabulary of a few hundred thousand words,
   * where the plain generator reaches ~90k. Default 0.
   */
  rareWordsPerAbstract?: number;
}

export function generateCorpus(size: number, seed = 42, options: CorpusOptions = {}): SyntheticCorpus {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const zipf = zipfSampler(random, 1.05);
  const conceptOf = zipf(CONCEPTS.length);
  const identityOf = zipf(20_000);
  const identities = Array.from({ length: 20_000 }, () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`);
  const usedIds = new Set<string>(TARGETS.flatMap((target) => (target.id ? [target.id] : [])));

  const concept = (): string => CONCEPTS[conceptOf()]!;
  const newId = (): string => {
    for (;;) {
      const yymm = `${between(20, 25)}${String(between(1, 12)).padStart(2, '0')}`;
      const id = `${yymm}.${String(between(0, 99_999)).padStart(5, '0')}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const title = (): string => {
    const words: string[] = [];
    if (random() < 0.35) words.push(`${capitalize(concept().replace(/[^a-z]/g, '').slice(0, 5))}${pick(['Net', 'Former', 'GPT', 'Diff', 'Bench', 'LM'])}:`);
    const target = between(6, 13);
    while (words.length < target) {
      words.push(capitalize(concept()));
      if (words.length < target - 1 && random() < 0.4) words.push(pick(CONNECTORS));
    }
    return words.join(' ');
  };
  const abstract = (): string => {
    const target = between(150, 250);
    const words: string[] = [];
    while (words.length < target) {
      const sentence = between(12, 24);
      for (let i = 0; i < sentence; i++) {
        const roll = random();
        words.push(roll < 0.45 ? concept() : roll < 0.5 ? pick(DATASETS) : pick(FILLER));
      }
      words[words.length - 1] += '.';
    }
    return capitalize(words.join(' '));
  };
  const authors = (): string[] => Array.from({ length: between(1, 12) > 8 ? between(5, 12) : between(1, 5) }, () => identities[identityOf()]!);
  const rareWords = options.rareWordsPerAbstract ? madeUpWords(mulberry32(seed + 1), 400_000) : [];
  const rare = (): string => rareWords[Math.floor(random() ** 2 * rareWords.length)]!;
  const tags = (): string[] => (random() < 0.5 ? [] : [...new Set(Array.from({ length: between(1, 3) }, () => pick(TAGS)))]);

  const records: PaperRecord[] = [];
  for (let i = 0; i < size; i++) {
    const at = 1_700_000_000_000 + i * 60_000;
    const extra = Array.from({ length: options.rareWordsPerAbstract ?? 0 }, rare);
    records.push({
      id: newId(),
      title: title(),
      abstract: extra.length ? `${abstract()} ${extra.join(' ')}` : abstract(),
      authors: authors(),
      tags: tags(),
      links: {},
      firstSeenAt: at,
      lastSeenAt: at,
      seenCount: 1,
      seenOn: [],
      sites: ['hf'],
      updatedAt: at,
    });
  }

  // Near distractors: each rare word in ~size/5000 other papers (at least 2), in the title or abstract.
  const distractors = Math.max(2, Math.round(size / 5000));
  const targets: string[] = [];
  const hostOf = (t: number): number => Math.floor(((t + 0.5) * size) / TARGETS.length);
  const hosts = new Set(TARGETS.map((_, t) => hostOf(t)));
  const otherPaper = (): PaperRecord => {
    for (;;) {
      const at = between(0, size - 1);
      if (!hosts.has(at)) return records[at]!;
    }
  };
  TARGETS.forEach((planted, t) => {
    for (let d = 0; d < distractors; d++) {
      const victim = otherPaper();
      if (random() < 0.5) victim.title = `${capitalize(planted.rare)} ${victim.title}`;
      else victim.abstract = `${victim.abstract} We also discuss ${planted.rare} methods.`;
    }
    if (planted.rare === 'hyperbolic' || planted.rare === 'koopman') {
      const other = otherPaper();
      other.authors = [...(other.authors ?? []), planted.rare === 'hyperbolic' ? 'Vikram Raghunathan' : 'Chidi Okonkwo'];
    }
    const host = records[hostOf(t)]!;
    host.title = planted.title;
    host.abstract = `${planted.sentence} ${abstract()}`;
    host.authors = [...planted.authors, ...authors().slice(0, 3)];
    if (planted.id) host.id = planted.id;
    targets.push(host.id);
  });

  return { records, targets, queries: QUERIES, typing: TYPING };
}

function madeUpWords(random: () => number, count: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: count }, () => Array.from({ length: 4 + Math.floor(random() * 9) }, () => letters[Math.floor(random() * 26)]).join(''));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Returns a factory of Zipf(s) samplers over 0..n-1 (rank 0 most frequent). */
function zipfSampler(random: () => number, s: number): (n: number) => () => number {
  return (n) => {
    const cumulative = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** s;
    return () => {
      const u = random() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
  };
}
