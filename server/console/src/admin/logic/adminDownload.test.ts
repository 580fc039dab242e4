import { describe, expect, it } from 'vitest';
import { fileNameFrom, query } from './adminDownload';

describe('admin downloads', () => {
  it('takes the file name the server gives', () => {
    expect(fileNameFrom('attachment; filename="home-visits.csv"', 'x.csv')).toBe('home-visits.csv');
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
  });

  it('puts only the set values in the query', () => {
    expect(query({ from: '2026-05-01', to: '', status: null, personal: 1 })).toBe(
      '?from=2026-05-01&personal=1',
    );
    expect(query({ a: undefined })).toBe('');
  });
});
