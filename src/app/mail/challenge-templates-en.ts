import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type ChallengeTemplates = Pick<
  TemplateSet,
  | 'challengeCall'
  | 'challengeReturned'
  | 'subscriptionConfirm'
  | 'newChallenge'
  | 'questionAnswered'
>;

function unsubscribeLines(link: string | undefined): string[] {
  return link ? ['', 'To stop these messages, open this link:', link] : [];
}

/** The English templates about challenges, with the footer of the other templates. */
export function challengeTemplatesEn(footer: (s: MailSignature) => string): ChallengeTemplates {
  return {
    challengeCall: (params, signature) => ({
      subject: params.reminder
        ? `Reminder: please submit your challenges by ${params.deadline}`
        : `Please submit your challenges by ${params.deadline}`,
      text: [
        'Hello,',
        '',
        params.reminder
          ? `${signature.gateName} is reminding the departments that have not yet answered this call for challenges.`
          : `${signature.gateName} is asking departments for local and administrative challenges.`,
        '',
        `Call: ${oneLine(params.title, 200)}`,
        `Deadline: ${params.deadline}`,
        '',
        'What we ask:',
        params.instructions,
        '',
        'Read the call and write your challenges here:',
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    challengeReturned: (params, signature) => ({
      subject: `Your challenge "${oneLine(params.title, 60)}" has been returned`,
      text: [
        'Hello,',
        '',
        `${signature.gateName} has returned a challenge your department submitted, with a comment.`,
        '',
        `Challenge: ${oneLine(params.title, 200)}`,
        '',
        'Comment from the gate:',
        params.comment,
        '',
        'Please revise it and submit it again:',
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    subscriptionConfirm: (params, signature) => ({
      subject: 'Please confirm your subscription to new challenges',
      text: [
        `We have received a request to send news of new challenges from ${signature.gateName} to this address.`,
        '',
        `Topic: ${oneLine(params.topic)}`,
        '',
        'To confirm, open this link and press "Confirm subscription":',
        '',
        params.link,
        '',
        'If this was not you, ignore this message: nothing will be sent.',
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    newChallenge: (params, signature) => ({
      subject: `New challenge: ${oneLine(params.title, 60)}`,
      text: [
        `${signature.gateName} has published a new challenge.`,
        '',
        `Challenge: ${oneLine(params.title, 200)}`,
        '',
        params.summary,
        '',
        'Read it here:',
        '',
        params.link,
        ...unsubscribeLines(params.unsubscribeLink),
        '',
        footer(signature),
        '',
      ].join('\n'),
      listUnsubscribe: params.unsubscribeLink,
    }),

    questionAnswered: (params, signature) => ({
      subject: `A question has been answered: ${oneLine(params.title, 60)}`,
      text: [
        `${signature.gateName} has published an answer to a question on a theme call.`,
        'To keep the call fair, every answer is public.',
        '',
        `Challenge: ${oneLine(params.title, 200)}`,
        '',
        'Question:',
        params.question,
        '',
        'Answer:',
        params.answer,
        '',
        params.link,
        ...unsubscribeLines(params.unsubscribeLink),
        '',
        footer(signature),
        '',
      ].join('\n'),
      listUnsubscribe: params.unsubscribeLink,
    }),
  };
}
