/** Fixed credentials of Demo mode: the app can offer them without asking the user for anything. */
export const DEMO_TOKEN = 'demo-token-flexforward-station';

export const DEMO_ACCOUNTS: { id: string; name: string }[] = [
  { id: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b', name: 'Demo Shipper Tokyo' },
  { id: 'b3e1f6d2-7a8c-4d9e-9f01-2a3b4c5d6e7f', name: 'Demo Shipper Hong Kong' },
];
