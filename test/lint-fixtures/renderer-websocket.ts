export const open = () => new WebSocket('wss://api.flexforward.com');
