/**
 * The shape of a paper in the library. A record is three groups of fields with different owners:
 * - page fields: what listing pages show; every capture may refresh them (see `merge.ts`);
 * - seen fields: the history of sightings, maintained by capture;
 * - user fields: what the user decided (saved, tags, read, note); capture never writes them.
 */

export type SourceSite = 'hf' | 'arxiv';

/** Every source site, in the order they are listed. */
export const SOURCE_SITES: readonly SourceSite[] = ['hf', 'arxiv'];

/** What kind of listing a paper was seen on. */
export type ListingKind = 'daily' | 'weekly' | 'monthly' | 'trending' | 'search' | 'paper' | 'listing';

export interface PaperLinks {
  hf?: string;
  arxiv?: string;
  pdf?: string;
  github?: string;
  project?: string;
}

/** One paper as a page shows it: the output of a site adapter and the payload of a capture message. */
export interface CapturedPaper {
  /** Bare arXiv id, e.g. `2501.01234` or `hep-th/9901001`. */
  id: string;
  version?: number;
  title: string;
  abstract?: string;
  authors?: string[];
  links: PaperLinks;
  /** ISO date-time of the arXiv publication. */
  publishedAt?: string;
  upvotes?: number;
  comments?: number;
  thumbnail?: string;
  aiSummary?: string;
  aiKeywords?: string[];
  organization?: string;
  githubStars?: number;
  /** arXiv primary category, e.g. `cs.LG`, `hep-th`, `astro-ph.CO` (arXiv pages give it). */
  primaryCategory?: string;
}

/** Where a listing was seen: one entry per distinct listing URL in a paper's history. */
export interface SeenPlace {
  site: SourceSite;
  kind: ListingKind;
  /** Human label: "Daily 2026-08-07", "Search “latent diffusion”", "Trending". */
  label: string;
  url: string;
  /** Epoch ms of the last page view of this listing that showed the paper. */
  lastAt: number;
  count: number;
}

export interface SeenFields {
  /** Epoch ms. Indexed. */
  firstSeenAt: number;
  /** Epoch ms. Indexed. */
  lastSeenAt: number;
  /** Page views that showed the paper (reloads of the same listing within 30 min count once). */
  seenCount: number;
  /** Most recent listings first, at most `MAX_PLACES`. */
  seenOn: SeenPlace[];
  sites: SourceSite[];
}

export interface UserFields {
  /** Epoch ms when saved; absent when not saved. Indexed (so "saved" is a range query). */
  savedAt?: number;
  /** Lowercase labels; a tag is a reading list. Indexed (multiEntry). */
  tags: string[];
  /** Epoch ms when marked read; absent when unread. */
  readAt?: number;
  note?: string;
}

export interface RecordMeta {
  /** Epoch ms of the last write of any kind (capture or user). Indexed: the search index catches up from it. */
  updatedAt: number;
}

export type PaperRecord = CapturedPaper & SeenFields & UserFields & RecordMeta;

export const USER_FIELD_KEYS = ['savedAt', 'tags', 'readAt', 'note'] as const satisfies readonly (keyof UserFields)[];

/** The listing page view a batch of cards came from. */
export interface Listing {
  site: SourceSite;
  kind: ListingKind;
  label: string;
  url: string;
}
