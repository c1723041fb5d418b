// `npm start`: the production entry point with demo data on, for trying Parley out.
process.env.PARLEY_DEMO ??= '1';
await import('../api/dist/main.js');
