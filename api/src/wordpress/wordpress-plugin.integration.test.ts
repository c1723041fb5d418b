import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';

describe('WordPress plugin', () => {
  const stack = conversationApi();
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-wordpress-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('downloads as a valid plugin for the campaign, whose PHP passes php -l', async () => {
    const campaign = await stack.fx.campaign();
    const url = `${stack.api.url}/campaigns/${campaign.id}/wordpress-plugin.zip`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${stack.fx.admin}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/zip');
    writeFileSync(path.join(dir, 'plugin.zip'), Buffer.from(await response.arrayBuffer()));
    execFileSync('python3', ['-m', 'zipfile', '-t', 'plugin.zip'], { cwd: dir });
    execFileSync('python3', ['-m', 'zipfile', '-e', 'plugin.zip', 'out'], { cwd: dir });
    assert.deepEqual(readdirSync(path.join(dir, 'out')), ['parley-chat']);
    assert.deepEqual(readdirSync(path.join(dir, 'out/parley-chat')).sort(), ['parley-chat.php', 'readme.txt', 'uninstall.php']);
    for (const file of ['parley-chat.php', 'uninstall.php']) {
      assert.match(execFileSync('php', ['-l', path.join(dir, 'out/parley-chat', file)]).toString(), /No syntax errors/);
    }
    const main = readFileSync(path.join(dir, 'out/parley-chat/parley-chat.php'), 'utf8');
    assert.match(main, /^ \* Plugin Name: +Parley Chat$/m);
    assert.match(main, new RegExp(`PARLEY_CHAT_DEFAULT_KEY += '${campaign.key}';`));
    assert.match(main, new RegExp(`PARLEY_CHAT_DEFAULT_ADDRESS = 'http://localhost:${stack.api.port}';`));
    assert.match(main, /settings_fields\( 'parley_chat' \)/);
    assert.match(main, /current_user_can\( 'manage_options' \)/);
    assert.match(readFileSync(path.join(dir, 'out/parley-chat/uninstall.php'), 'utf8'), /WP_UNINSTALL_PLUGIN[\s\S]*delete_option\( 'parley_chat_campaign_key' \)/);
  });

  it('is for admins and supervisors only', async () => {
    const campaign = await stack.fx.campaign();
    const url = `${stack.api.url}/campaigns/${campaign.id}/wordpress-plugin.zip`;
    const agent = await stack.fx.agent([campaign.id]);
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { authorization: `Bearer ${agent.token}` } })).status, 403);
    assert.equal((await fetch(`${stack.api.url}/campaigns/not-a-campaign/wordpress-plugin.zip`, { headers: { authorization: `Bearer ${stack.fx.admin}` } })).status, 404);
  });
});
