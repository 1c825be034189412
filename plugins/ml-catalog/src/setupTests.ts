import '@testing-library/jest-dom';

// These tests drive whole pages as a person would (typing, opening lists, dialogs):
// a few take 3 to 5 s on a busy 2-core machine, close to Jest's default of 5 s.
jest.setTimeout(30_000);
