// Names and notices that look like SQL or script, used by the abuse tests in Node and in Chromium.
// Each would set window.__xss if a screen ever ran it as HTML; it must show as plain text.
export const HOSTILE_TEXT = {
  serviceZh: "护照'); DROP TABLE tickets;--",
  serviceEn: '<img src=x onerror="window.__xss=1">Passport',
  notice: '<script>window.__xss=1</script>请带好身份证 Robert"); DELETE FROM notices;--',
  staffName: '<b onmouseover="window.__xss=1">王警官</b>',
} as const;
