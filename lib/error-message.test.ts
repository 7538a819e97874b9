import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('says an Error’s message, of a subclass too, and any other thrown value as text', () => {
    expect(errorMessage(new Error('表三不平衡'))).toBe('表三不平衡');
    expect(errorMessage(new TypeError('not a function'))).toBe('not a function');
    expect(errorMessage('quota exceeded')).toBe('quota exceeded');
    expect(errorMessage(404)).toBe('404');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
