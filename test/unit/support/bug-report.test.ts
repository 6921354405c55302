import { describe, expect, it } from 'vitest';
import { bugSignals, isBugReport } from '../../../functions/support/bug-report';

describe('isBugReport', () => {
  it.each([
    'Since this morning every outbound call fails with error SIP 503.',
    'The dashboard crashes when I open the call recordings.',
    'Export of the transcripts is not working anymore, we get error code 4711.',
    "The agent doesn't work since your update yesterday.",
    'Webhook delivery returns HTTP 500 for every call.',
    'Seit dem Update stürzt die App beim Export ab.',
    'Die Weiterleitung funktioniert seit gestern nicht mehr.',
    'Beim Speichern kommt Fehlercode E-4711.',
    'Der Export schlägt jedes Mal fehl.',
    'Die Anrufaufzeichnung ist abgestürzt und es kam eine Fehlermeldung.',
  ])('reads a defect in %j', (text) => {
    expect(isBugReport(text)).toBe(true);
  });

  it.each([
    'How do I forward calls to my mobile outside business hours?',
    'There is an error on my last invoice, the VAT ID is missing.',
    'I would like to change the voice of the agent.',
    'Ich möchte meinen Vertrag kündigen.',
    'Wie ändere ich die Rechnungsadresse? Da ist ein Fehler drin.',
    'Können Sie mir erklären, wie die Kalenderbuchung funktioniert?',
  ])('reads no defect in %j', (text) => {
    expect(isBugReport(text)).toBe(false);
  });

  it('names what it found', () => {
    expect(bugSignals('The app crashes with error E-4711')).toEqual([
      'error code',
      'crash',
      'error',
    ]);
  });
});
