export const load = () => fetch('https://api.flexforward.com/labels');
