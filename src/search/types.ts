export interface SearchTables {
  posts: string;
  boards: string;
  postBoard: { table: string; own: string; other: string };
}

export interface SearchRequest {
  terms: string[];
  boardSlug?: string;
  offset: number;
  limit: number;
}

export interface SearchHit {
  id: number;
  documentId: string;
  title: string;
  body: string;
  publishedAt: string | number | Date;
  boardSlug: string;
  boardName: string;
}
