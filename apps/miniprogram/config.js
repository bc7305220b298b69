/**
 * The one setting of the sample: where the Quanzi app answers. Use an https
 * address and add its host to the mini program's server domains (README.md).
 */
module.exports = {
  API_BASE: 'https://quanzi.example.org/api',
};
