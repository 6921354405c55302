/**
 * The Secrets Manager secrets of the deployment, by the names the configuration gives them. The
 * operator creates them (README, "Deploy to AWS"); the stack refers to them by name only, so
 * that no value is ever in a template, and a function may read only the secrets it uses.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SecretVariable } from './secret-names';

export class DeploymentSecrets extends Construct {
  /** The secret of each variable this deployment reads. */
  readonly secrets: Partial<Record<SecretVariable, ISecret>>;

  constructor(scope: Construct, id: string, names: Partial<Record<SecretVariable, string>>) {
    super(scope, id);
    this.secrets = Object.fromEntries(
      Object.entries(names).map(([variable, name]) => [
        variable,
        Secret.fromSecretNameV2(this, variable, name),
      ]),
    );
  }

  /**
   * Tells `fn` where its secrets are (`<VARIABLE>_SECRET_NAME`, read by
   * functions/core/secret-values.ts) and lets it read their values, nothing more.
   */
  grantRead(fn: LambdaFunction, variables: readonly SecretVariable[]): void {
    const granted = variables.flatMap((variable) => {
      const secret = this.secrets[variable];
      return secret ? [[variable, secret] as const] : [];
    });
    if (granted.length === 0) return;

    for (const [variable, secret] of granted) {
      fn.addEnvironment(`${variable}_SECRET_NAME`, secret.secretName);
    }
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        // The secret's ARN ends in six random characters Secrets Manager appends to the name;
        // `??????` matches exactly those, so a secret whose name only begins alike stays out.
        resources: granted.map(([, secret]) => `${secret.secretArn}-??????`),
      }),
    );
  }
}
