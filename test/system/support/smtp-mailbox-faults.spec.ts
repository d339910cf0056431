import { Socket } from 'node:net';

import { SmtpMailbox } from '@closer/mailbox';
import { createTransport } from 'nodemailer';

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The fault hooks the system scenarios rely on, checked in-process (unit project, no services). */
describe(SmtpMailbox.name, () => {
  let sut: SmtpMailbox | undefined;

  afterEach(async () => {
    await sut?.stop();
    sut = undefined;
  });

  const send = (mailbox: SmtpMailbox, messageId: string) => {
    const transport = createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true });
    return transport
      .sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'Hello', text: 'Hi', messageId })
      .finally(() => transport.close());
  };

  it('dropAfterData keeps the message and drops the connection instead of answering; the retry is a second copy', async () => {
    let drops = 0;
    sut = new SmtpMailbox(100, { dropAfterData: () => drops++ === 0 });
    await sut.start();

    const first = await send(sut, '<same@example.test>').then(
      () => undefined,
      (error: Error & { responseCode?: number }) => error,
    );
    expect(first).toBeInstanceOf(Error);
    expect(first!.responseCode).toBeUndefined(); // a network error: a sender retries it
    await send(sut, '<same@example.test>');

    expect(sut.mails.map((mail) => mail.messageId)).toEqual(['<same@example.test>', '<same@example.test>']);
    expect(sut.dropped).toEqual([{ messageId: '<same@example.test>', to: ['b@example.test'], at: expect.any(Date) }]);
  });

  it('replyDelayMs holds the reply, counted in pendingReplies, and records the mail when it answers', async () => {
    sut = new SmtpMailbox(100, { replyDelayMs: () => 300 });
    await sut.start();
    const sending = send(sut, '<slow@example.test>');
    await until(() => sut!.pendingReplies === 1);
    expect(sut.mails).toEqual([]);
    await sending;
    expect(sut.pendingReplies).toBe(0);
    expect(sut.mails.map((mail) => mail.messageId)).toEqual(['<slow@example.test>']);
  });

  it('survives a client that resets its connection mid-transaction (a sender SIGKILLed while sending)', async () => {
    sut = new SmtpMailbox();
    await sut.start();
    const socket = new Socket();
    const replies: string[] = [];
    socket.on('data', (chunk: Buffer) => replies.push(chunk.toString()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.connect(sut!.port, '127.0.0.1', resolve));
    await until(() => replies.join('').startsWith('220')); // a client talking before the greeting is turned away
    for (const line of ['EHLO killed.example.test', 'MAIL FROM:<a@example.test>', 'RCPT TO:<b@example.test>', 'DATA']) {
      const seen = replies.length;
      socket.write(`${line}\r\n`);
      await until(() => replies.length > seen);
    }
    await new Promise<void>((resolve) => socket.write('Subject: half a message\r\n\r\nHal', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.resetAndDestroy();

    await until(() => sut!.connectionErrors.length > 0);
    expect(sut.connectionErrors[0]).toMatchObject({ code: 'ECONNRESET' });
    await send(sut, '<after@example.test>'); // and keeps serving
    expect(sut.mails.map((mail) => mail.messageId)).toEqual(['<after@example.test>']);
  });
});
