/**
 * A throwaway TLS identity for an emulator served over https on loopback: browsers set a `Secure`
 * cookie (and so `SameSite=None` and `Partitioned` ones) only from an https origin other than
 * localhost, and a cross-site test needs Astrato on another site than the host.
 *
 * @module
 */

/**
 * A PEM private key and its certificate, as `node:https` takes them: what an emulator serves https with.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const identity = { key: readFileSync('key.pem', 'utf8'), cert: readFileSync('cert.pem', 'utf8') };
 * const { url } = await createAstratoEmulator().listen({ https: identity });
 * ```
 */
export interface TlsIdentity {
  key: string;
  cert: string;
}

/**
 * @internal Makes a self-signed P-256 certificate, valid for a day, for `localhost`, `127.0.0.1`
 * and `::1`, with Debian's `openssl` (node's `crypto` makes keys but not certificates). A browser
 * still has to be told to accept it (Chromium: `--ignore-certificate-errors`); a Node client can
 * pass the certificate as its `ca`.
 */
export async function selfSignedCertificate(): Promise<TlsIdentity> {
  const [{ execFile }, { mkdtemp, readFile, rm }, { tmpdir }, { join }] = await Promise.all([
    import('node:child_process'),
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'oemkit-emulator-tls-'));
  const [keyPath, certPath] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=oemkit emulator'];
  args.push('-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', '-keyout', keyPath, '-out', certPath);
  try {
    await new Promise<void>((resolve, reject) =>
      execFile('openssl', args, (error, _stdout, stderr) =>
        error ? reject(new Error(`openssl could not make the emulator's certificate (is it installed? apt-get install openssl): ${stderr.trim() || error.message}`)) : resolve(),
      ),
    );
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { key, cert };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
