/** xhr2 ships no types: an XMLHttpRequest for Node, which the Direct Line client needs. */
declare module 'xhr2' {
  const XMLHttpRequest: typeof globalThis.XMLHttpRequest;
  export default XMLHttpRequest;
}
