import express from 'express';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { listenOnLoopback } from '../../test/servers/loopback';

/** An email as n8n sent it, parsed. */
export interface CaughtMail {
	id: number;
	receivedAt: string;
	from: string;
	to: string;
	subject: string;
	html: string;
	text: string;
	/** Attached files, e.g. the HR sync's plan.csv. */
	attachments: Array<{ filename: string; contentType: string; content: string }>;
}

export interface MailCatcher {
	/** Where n8n's SMTP credential points: 127.0.0.1 and this port, no TLS, no login. */
	smtpPort: number;
	/** The page to read the mails at, e.g. http://127.0.0.1:5685/. */
	webUrl: string;
	mails: CaughtMail[];
	/** Resolves with the first mail caught from now on whose subject matches. */
	next(subject: RegExp, timeoutMs?: number): Promise<CaughtMail>;
	close(): Promise<void>;
}

const escape = (text: string) =>
	text.replace(
		/[&<>"]/g,
		(char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
	);

function inbox(mails: CaughtMail[]): string {
	const rows = [...mails]
		.reverse()
		.map(
			(mail) =>
				`<tr><td style="padding:6px 12px;color:#666">${escape(mail.receivedAt.slice(11, 19))}</td><td style="padding:6px 12px"><a href="/mail/${mail.id}">${escape(mail.subject)}</a></td><td style="padding:6px 12px;color:#666">${escape(mail.to)}</td></tr>`,
		)
		.join('');
	return `<!doctype html><html><head><meta charset="utf-8"><title>Demo inbox</title><meta http-equiv="refresh" content="5"></head>
<body style="font-family:system-ui,sans-serif;margin:32px">
<h1 style="font-size:20px">Demo inbox</h1>
<p style="color:#555">Every email the demo n8n sends lands here (nothing leaves this machine). The page refreshes every 5 seconds.</p>
<table style="border-collapse:collapse">${rows || '<tr><td style="color:#666">No mail yet.</td></tr>'}</table>
</body></html>`;
}

/** A local SMTP server that keeps what it receives, and a page on 127.0.0.1 to read it. */
export async function startMailCatcher(
	ports: { smtp: number; web: number } = { smtp: 0, web: 0 },
): Promise<MailCatcher> {
	const mails: CaughtMail[] = [];
	const waiting: Array<{ subject: RegExp; resolve: (mail: CaughtMail) => void }> = [];
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const mail: CaughtMail = {
						id: mails.length + 1,
						receivedAt: new Date().toISOString(),
						from: parsed.from?.text ?? '',
						to: [parsed.to ?? []]
							.flat()
							.map((address) => address.text)
							.join(', '),
						subject: parsed.subject ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						text: parsed.text ?? '',
						attachments: parsed.attachments.map((attachment) => ({
							filename: attachment.filename ?? '',
							contentType: attachment.contentType,
							content: attachment.content.toString('utf8'),
						})),
					};
					mails.push(mail);
					for (const waiter of waiting.filter(({ subject }) => subject.test(mail.subject))) {
						waiting.splice(waiting.indexOf(waiter), 1);
						waiter.resolve(mail);
					}
					callback();
				})
				.catch((error: Error) => callback(error));
		},
	});
	await new Promise<void>((resolve) => smtp.listen(ports.smtp, '127.0.0.1', resolve));
	const smtpPort = (smtp.server.address() as AddressInfo).port;

	const app = express();
	app.get('/', (_request, response) => response.type('html').send(inbox(mails)));
	app.get('/mail/:id', (request, response) => {
		const mail = mails.find((caught) => caught.id === Number(request.params.id));
		if (!mail) return response.status(404).send('No such mail');
		const files = mail.attachments
			.map(
				(file, index) =>
					`<a href="/mail/${mail.id}/attachment/${index}" style="margin-right:12px">${escape(file.filename)}</a>`,
			)
			.join('');
		const body = mail.html || `<pre>${escape(mail.text)}</pre>`;
		return response
			.type('html')
			.send(
				files
					? `${body}<p style="font-family:Arial,sans-serif;font-size:13px;margin:16px">Attached: ${files}</p>`
					: body,
			);
	});
	app.get('/mail/:id/attachment/:index', (request, response) => {
		const mail = mails.find((caught) => caught.id === Number(request.params.id));
		const file = mail?.attachments[Number(request.params.index)];
		if (!file) return response.status(404).send('No such attachment');
		return response.type(file.contentType).attachment(file.filename).send(file.content);
	});
	const web = await listenOnLoopback(app, ports.web);
	return {
		smtpPort,
		webUrl: `http://127.0.0.1:${web.port}/`,
		mails,
		next: async (subject, timeoutMs = 120_000) =>
			await new Promise<CaughtMail>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`No mail matching ${subject} came`)),
					timeoutMs,
				);
				waiting.push({
					subject,
					resolve: (mail) => {
						clearTimeout(timer);
						resolve(mail);
					},
				});
			}),
		close: async () => {
			await new Promise<void>((resolve) => smtp.close(() => resolve()));
			await web.close();
		},
	};
}
