import { parseSender } from '../../src/bootstrap/registration';

describe('EMAIL_FROM', () => {
  it.each([
    ['Quanzi <no-reply@quanzi.example>', { name: 'Quanzi', email: 'no-reply@quanzi.example' }],
    ['"Maple Street" <hello@maple.example>', { name: 'Maple Street', email: 'hello@maple.example' }],
    ['<bare@quanzi.example>', { name: 'bare@quanzi.example', email: 'bare@quanzi.example' }],
    ['plain@quanzi.example', { name: 'plain@quanzi.example', email: 'plain@quanzi.example' }],
  ])('reads %s', (text, sender) => {
    expect(parseSender(text)).toEqual(sender);
  });

  it.each(['Quanzi', 'Quanzi <not an address>', ''])('refuses %j', (text) => {
    expect(parseSender(text)).toBeNull();
  });
});
