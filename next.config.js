// @ts-check
const path = require("node:path");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and ssh modules stay out of the bundle; they run only on the server.
  serverExternalPackages: ["ssh2", "better-sqlite3", "nodemailer"],
  turbopack: { root: path.join(__dirname) },
  poweredByHeader: false,
};

module.exports = nextConfig;
