/**
 * Whether the environment names an AWS region and credentials for Comprehend Medical. A
 * simple check of the variables people set by hand; it does not load or verify anything.
 */

/**
 * True when `AWS_REGION` is set, and either `AWS_ACCESS_KEY_ID` with `AWS_SECRET_ACCESS_KEY`
 * or `AWS_PROFILE` is set (empty values count as unset).
 *
 * Not detected, on purpose, to keep this simple: credentials from the EC2/ECS/EKS instance
 * roles, web identity tokens, SSO, or a `default` profile in ~/.aws that no variable names.
 * Deployments relying on those should enable Comprehend Medical explicitly in configuration.
 * @param env defaults to `process.env`
 */
export function comprehendMedicalConfigured(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const isSet = (key: string) => (env[key] ?? '').trim() !== '';
  const hasKeys = isSet('AWS_ACCESS_KEY_ID') && isSet('AWS_SECRET_ACCESS_KEY');
  return isSet('AWS_REGION') && (hasKeys || isSet('AWS_PROFILE'));
}
