// Imported first by the server's entry points, before graphql is loaded. graphql-js reads
// NODE_ENV once, at load: outside "production" every type check of the executor also looks for a
// second copy of graphql in the process, which measured about a tenth of the CPU of a page of 100
// customers. The server sets its other NODE_ENV-dependent options (introspection, stack traces,
// landing page) explicitly, so this changes nothing else it does. An explicit NODE_ENV wins.
process.env.NODE_ENV ??= 'production';
