import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { janusConfigFiles, type JanusConfigOptions } from './janus-config';

const options: JanusConfigOptions = { dir: '/data/janus', httpPort: 18088, wsPort: 18188, apiSecret: 'api-secret-1234567890', adminSecret: 'admin-secret-123456', adminKey: 'admin-key-1234567890' };

describe('janus config: the folder an embedded Janus starts from', () => {
  it('listens on loopback only, with both admin APIs off and the secrets set', () => {
    const files = janusConfigFiles(options);
    assert.match(files['janus.transport.http.jcfg'] as string, /port = 18088\n\tip = "127\.0\.0\.1"[\s\S]*admin_http = false/);
    assert.match(files['janus.transport.websockets.jcfg'] as string, /ws_port = 18188\n\tws_ip = "127\.0\.0\.1"[\s\S]*admin_ws = false/);
    assert.match(files['janus.jcfg'] as string, /api_secret = "api-secret-1234567890"/);
    assert.match(files['janus.jcfg'] as string, /admin_secret = "admin-secret-123456"/);
    assert.match(files['janus.jcfg'] as string, /plugins_folder = "\/data\/janus\/plugins"/);
    assert.match(files['janus.plugin.videoroom.jcfg'] as string, /admin_key = "admin-key-1234567890"[\s\S]*string_ids = true/);
  });

  it('gathers candidates only where told, and announces a 1:1 NAT address when given', () => {
    const files = janusConfigFiles({ ...options, iceInterfaces: 'veth-parley', nat11: '203.0.113.7' });
    assert.match(files['janus.jcfg'] as string, /ice_enforce_list = "veth-parley"\n\tnat_1_1_mapping = "203\.0\.113\.7"/);
    assert.doesNotMatch(janusConfigFiles(options)['janus.jcfg'] as string, /ice_enforce_list|nat_1_1_mapping/);
  });

  it('refuses values that could break out of the file', () => {
    assert.throws(() => janusConfigFiles({ ...options, apiSecret: 'x"\n}\nadmin: {' }));
    assert.throws(() => janusConfigFiles({ ...options, iceInterfaces: 'eth0 # comment' }));
  });
});
