import { lowerCase } from './lowerCase';

describe('lowerCase', () => {
  it.each([
    'MLModel:Default/Churn-Predictor',
    'group:default/team-a',
    '',
    'Straße:İstanbul/ΣΊΣΥΦΟΣ',
    'Resource:default/AI-Model-ß',
    'ǅ:x/Ꙁ',
  ])('lower-cases %j as toLocaleLowerCase("en-US") does', value => {
    expect(lowerCase(value)).toBe(value.toLocaleLowerCase('en-US'));
  });
});
