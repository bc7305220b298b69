import { supplyLeft } from './boards-health';

describe('supplyLeft', () => {
  it('subtracts in the token’s own decimals, without floating point', () => {
    expect(supplyLeft('1000000.000', '0', 3)).toBe('1000000.000');
    expect(supplyLeft('1000000.000', '12.345', 3)).toBe('999987.655');
    expect(supplyLeft('0.3', '0.1', 1)).toBe('0.2');
    expect(supplyLeft('500000.00', '499999.99', 2)).toBe('0.01');
    expect(supplyLeft('100', '100', 0)).toBe('0');
  });

  it('reads amounts written with fewer decimals than the precision', () => {
    expect(supplyLeft('1000', '1.5', 3)).toBe('998.500');
  });
});
