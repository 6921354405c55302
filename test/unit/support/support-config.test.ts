import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../functions/core/config';
import { confluenceToken, jiraToken, supportConfig } from '../../../functions/core/support-config';

const ENV = {
  EMAIL_FROM: 'sales@example.com',
  TEAM_TECHNICAL_EMAIL: 'tech@example.com',
  TEAM_SUCCESS_EMAIL: 'success@example.com',
  JIRA_BASE_URL: 'https://jira.example.com',
  JIRA_EMAIL: 'bot@example.com',
  JIRA_TOKEN: 'token',
  JIRA_PROJECT_KEY: 'SUP',
  KB_ARTICLE_BASE_URL: 'https://help.example.com',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    supportConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('supportConfig', () => {
  it('has the issue defaults: 1 h, 4 h, 1 and 3 business days, 9 to 5 on weekdays, 0.6', () => {
    const config = supportConfig({ ...ENV });

    expect(config.sla.targets).toEqual({
      critical: { amount: 1, unit: 'hours' },
      high: { amount: 4, unit: 'hours' },
      medium: { amount: 1, unit: 'business_days' },
      low: { amount: 3, unit: 'business_days' },
    });
    expect(config.sla.calendar).toEqual({
      timeZone: 'Europe/Berlin',
      opensAt: 540,
      closesAt: 1020,
      workingDays: [1, 2, 3, 4, 5],
      holidays: [],
    });
    expect(config.knowledgeBase).toEqual({
      provider: 'local',
      threshold: 0.6,
      articleBaseUrl: 'https://help.example.com',
    });
    expect(config.emailFrom).toBe('sales@example.com');
  });

  it('reads SLA targets, business hours, days and holidays as configured', () => {
    const config = supportConfig({
      ...ENV,
      SLA_HIGH: '8bh',
      BUSINESS_HOURS: '08:30-18:00',
      BUSINESS_DAYS: 'Mon-Thu,Sat',
      BUSINESS_HOLIDAYS: '2026-12-24, 2026-12-25',
      TIME_ZONE: 'America/New_York',
    });

    expect(config.sla.targets.high).toEqual({ amount: 8, unit: 'business_hours' });
    expect(config.sla.calendar).toEqual({
      timeZone: 'America/New_York',
      opensAt: 510,
      closesAt: 1080,
      workingDays: [1, 2, 3, 4, 6],
      holidays: ['2026-12-24', '2026-12-25'],
    });
  });

  it('names every bad setting and what it accepts', () => {
    const problems = problemsOf({
      ...ENV,
      SLA_CRITICAL: 'one hour',
      BUSINESS_HOURS: '17:00-09:00',
      BUSINESS_DAYS: 'Weekdays',
      KB_MATCH_THRESHOLD: '60',
      JIRA_PROJECT_KEY: 'support',
    });

    expect(problems).toEqual([
      'SLA_CRITICAL: a duration such as 1h, 30m, 8bh (business hours) or 1bd (business days)',
      'BUSINESS_HOURS: opening and closing time such as 09:00-17:00',
      'BUSINESS_DAYS: weekdays such as Mon-Fri or Mon,Wed,Fri',
      'JIRA_PROJECT_KEY: a Jira project key such as SUP',
      'KB_MATCH_THRESHOLD: a number from 0 to 1, such as 0.6',
    ]);
  });

  it('asks for the Confluence settings when Confluence is the knowledge base', () => {
    expect(problemsOf({ ...ENV, KNOWLEDGE_BASE: 'confluence' })).toEqual([
      'CONFLUENCE_BASE_URL: required with KNOWLEDGE_BASE=confluence',
      'CONFLUENCE_EMAIL: required with KNOWLEDGE_BASE=confluence',
      'CONFLUENCE_SPACE_KEY: required with KNOWLEDGE_BASE=confluence',
    ]);
  });

  it('reads the tracker and knowledge base tokens apart, naming the one that is missing', () => {
    const missing = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };

    expect(jiraToken({ ...ENV })).toBe('token');
    expect(missing(() => confluenceToken({ ...ENV, KNOWLEDGE_BASE: 'confluence' }))).toEqual([
      'CONFLUENCE_TOKEN: the Confluence API token (required with KNOWLEDGE_BASE=confluence)',
    ]);
    expect(missing(() => jiraToken({ JIRA_TOKEN: ' ' }))).toEqual([
      'JIRA_TOKEN: the Jira API token',
    ]);
  });
});
