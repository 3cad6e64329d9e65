/** Saves text or bytes as a file through the browser's download. */
export function download(fileName: string, content: string | Uint8Array, type = 'application/octet-stream'): void {
  // A string is encoded here rather than by Blob: Chromium's Blob takes about twice as long as
  // TextEncoder to encode tens of megabytes.
  const blob =
    typeof content === 'string'
      ? new Blob([new TextEncoder().encode(content)], { type: `${type};charset=utf-8` })
      : new Blob([content as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
