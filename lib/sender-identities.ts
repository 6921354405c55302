/**
 * The SES identities the e-mails go out from: the sales and the support sender, verified by
 * their domain (Easy DKIM: three CNAME records to publish, listed in the stack's outputs) or,
 * with `senderIdentity: address`, each address (SES mails it a link to click). The functions'
 * send permissions name the same identities (lib/email-permissions.ts).
 */
import { CfnOutput } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { DeploymentConfig } from './config';

export class SenderIdentities extends Construct {
  readonly identities: Record<string, EmailIdentity> = {};

  constructor(scope: Construct, id: string, config: DeploymentConfig) {
    super(scope, id);
    const senders = [config.emailFrom, config.supportEmailFrom].filter((sender): sender is string =>
      Boolean(sender),
    );
    const byDomain = config.senderIdentity === 'domain';
    const names = [
      ...new Set(senders.map((sender) => (byDomain ? (sender.split('@')[1] ?? sender) : sender))),
    ];

    for (const [index, name] of names.entries()) {
      const identity = new EmailIdentity(this, `Sender${index + 1}`, {
        identity: byDomain ? Identity.domain(name) : Identity.email(name),
      });
      this.identities[name] = identity;
      if (byDomain) {
        new CfnOutput(this, `Sender${index + 1}DkimRecords`, {
          description: `CNAME records that verify ${name} for SES`,
          value: identity.dkimRecords
            .map((record) => `${record.name} CNAME ${record.value}`)
            .join('; '),
        });
      }
    }
  }
}
