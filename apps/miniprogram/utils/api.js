/**
 * The REST calls of the sample (documented at /openapi.json): wx.request with
 * the member's access token from storage, Strapi's error shape turned into an
 * Error carrying the server's message, wx.login → POST /auth/wechat, and
 * picture uploads with wx.uploadFile. An access token lives minutes: on a 401
 * the refresh token buys a new pair (POST /auth/refresh) and the call is made
 * once more; when that fails too, wx.login signs the member in again.
 */
const { API_BASE } = require('../config');

const TOKEN_KEY = 'quanzi-jwt';
const REFRESH_KEY = 'quanzi-refresh-token';
const DEVICE_KEY = 'quanzi-device-id';

const token = () => wx.getStorageSync(TOKEN_KEY) || '';

/** This phone's name for its session: its next wx.login replaces that session instead of adding one. */
function deviceId() {
  let id = wx.getStorageSync(DEVICE_KEY);
  if (!id) {
    id = `mp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    wx.setStorageSync(DEVICE_KEY, id);
  }
  return id;
}

function keepTokens(answer) {
  wx.setStorageSync(TOKEN_KEY, answer.jwt);
  if (answer.refreshToken) wx.setStorageSync(REFRESH_KEY, answer.refreshToken);
  else wx.removeStorageSync(REFRESH_KEY);
}

function queryString(query) {
  const parts = Object.keys(query || {})
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key])}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** An API answer's error as a person can read it (Strapi: { data: null, error: { status, message } }). */
function failure(statusCode, body) {
  const error = new Error((body && body.error && body.error.message) || `HTTP ${statusCode}`);
  error.status = statusCode;
  return error;
}

function send(method, path, { data, query } = {}) {
  return new Promise((resolve, reject) => {
    const header = { Accept: 'application/json' };
    if (token()) header.Authorization = `Bearer ${token()}`;
    wx.request({
      url: `${API_BASE}${path}${queryString(query)}`,
      method,
      data,
      header,
      success: (res) => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(res.data) : reject(failure(res.statusCode, res.data))),
      fail: (err) => reject(new Error(err.errMsg || 'network error')),
    });
  });
}

/** A new access token from the refresh token; false when there is none or the session is over. */
function renew() {
  const refreshToken = wx.getStorageSync(REFRESH_KEY);
  if (!refreshToken) return Promise.resolve(false);
  return send('POST', '/auth/refresh', { data: { refreshToken } }).then(
    (answer) => {
      keepTokens(answer);
      return true;
    },
    () => {
      wx.removeStorageSync(REFRESH_KEY);
      return false;
    },
  );
}

function request(method, path, options = {}) {
  const hadToken = Boolean(token());
  return send(method, path, options).catch((error) => {
    if (error.status !== 401 || !hadToken) throw error;
    return renew()
      .then((renewed) => (renewed ? true : login().then(() => true)))
      .then(() => send(method, path, options));
  });
}

/** wx.login's one-time code for a Quanzi session, kept in storage. */
function login() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: ({ code }) =>
        send('POST', '/auth/wechat', { data: { code, deviceId: deviceId() } })
          .then((answer) => {
            keepTokens(answer);
            resolve(answer.user);
          })
          .catch(reject),
      fail: (err) => reject(new Error(err.errMsg || 'wx.login failed')),
    });
  });
}

/** One picture (a path from wx.chooseMedia) to POST /me/uploads, multipart field `files`. */
function upload(filePath) {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${API_BASE}/me/uploads`,
      filePath,
      name: 'files',
      header: { Authorization: `Bearer ${token()}` },
      success: (res) => {
        const body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(body.data);
        else reject(failure(res.statusCode, body));
      },
      fail: (err) => reject(new Error(err.errMsg || 'upload failed')),
    });
  });
}

/** Where the server's pictures are: API paths like /uploads/x.jpg are on the API's host. */
function absolute(url) {
  if (!url || /^https?:\/\//.test(url)) return url || '';
  return API_BASE.replace(/\/api$/, '') + url;
}

module.exports = { request, login, upload, token, absolute, queryString };
