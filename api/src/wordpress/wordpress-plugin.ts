/**
 * The "Parley Chat" WordPress plugin for one campaign: a settings page for
 * the Parley address and campaign key (prefilled), the widget script
 * enqueued on the front end, WordPress' escaping, nonces and capability
 * checks, and uninstall cleanup.
 */

export const PLUGIN_SLUG = 'parley-chat';
const VERSION = '1.0.0';

/** A PHP single-quoted string literal. */
const php = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function mainFile(address: string, campaignKey: string): string {
  return `<?php
/**
 * Plugin Name:       Parley Chat
 * Plugin URI:        ${address.replace(/\*\//g, '')}
 * Description:       Adds the Parley webchat widget of a campaign to every page of the site.
 * Version:           ${VERSION}
 * Requires at least: 5.8
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       parley-chat
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const PARLEY_CHAT_DEFAULT_ADDRESS = ${php(address)};
const PARLEY_CHAT_DEFAULT_KEY     = ${php(campaignKey)};

/** The Parley address, without a trailing slash; empty when not an http(s) URL. */
function parley_chat_sanitize_address( $value ) {
	$url = esc_url_raw( trim( (string) $value ), array( 'http', 'https' ) );
	return untrailingslashit( $url );
}

/** Campaign keys are letters, digits, "-" and "_". */
function parley_chat_sanitize_key( $value ) {
	return substr( preg_replace( '/[^A-Za-z0-9_-]/', '', (string) $value ), 0, 64 );
}

function parley_chat_sanitize_language( $value ) {
	return in_array( $value, array( 'en', 'es', 'pt' ), true ) ? $value : '';
}

register_activation_hook( __FILE__, function () {
	add_option( 'parley_chat_address', PARLEY_CHAT_DEFAULT_ADDRESS );
	add_option( 'parley_chat_campaign_key', PARLEY_CHAT_DEFAULT_KEY );
	add_option( 'parley_chat_language', '' );
} );

add_action( 'admin_init', function () {
	register_setting( 'parley_chat', 'parley_chat_address', array( 'type' => 'string', 'sanitize_callback' => 'parley_chat_sanitize_address', 'default' => PARLEY_CHAT_DEFAULT_ADDRESS ) );
	register_setting( 'parley_chat', 'parley_chat_campaign_key', array( 'type' => 'string', 'sanitize_callback' => 'parley_chat_sanitize_key', 'default' => PARLEY_CHAT_DEFAULT_KEY ) );
	register_setting( 'parley_chat', 'parley_chat_language', array( 'type' => 'string', 'sanitize_callback' => 'parley_chat_sanitize_language', 'default' => '' ) );
} );

add_action( 'admin_menu', function () {
	add_options_page( __( 'Parley Chat', 'parley-chat' ), __( 'Parley Chat', 'parley-chat' ), 'manage_options', 'parley-chat', 'parley_chat_settings_page' );
} );

function parley_chat_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$address  = get_option( 'parley_chat_address', PARLEY_CHAT_DEFAULT_ADDRESS );
	$key      = get_option( 'parley_chat_campaign_key', PARLEY_CHAT_DEFAULT_KEY );
	$language = get_option( 'parley_chat_language', '' );
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<form action="options.php" method="post">
			<?php settings_fields( 'parley_chat' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="parley_chat_address"><?php esc_html_e( 'Parley address', 'parley-chat' ); ?></label></th>
					<td><input type="url" class="regular-text" id="parley_chat_address" name="parley_chat_address" value="<?php echo esc_attr( $address ); ?>" required></td>
				</tr>
				<tr>
					<th scope="row"><label for="parley_chat_campaign_key"><?php esc_html_e( 'Campaign key', 'parley-chat' ); ?></label></th>
					<td><input type="text" class="regular-text" id="parley_chat_campaign_key" name="parley_chat_campaign_key" value="<?php echo esc_attr( $key ); ?>" pattern="[A-Za-z0-9_-]+" required></td>
				</tr>
				<tr>
					<th scope="row"><label for="parley_chat_language"><?php esc_html_e( 'Language', 'parley-chat' ); ?></label></th>
					<td>
						<select id="parley_chat_language" name="parley_chat_language">
							<option value="" <?php selected( $language, '' ); ?>><?php esc_html_e( "The visitor's browser language", 'parley-chat' ); ?></option>
							<option value="en" <?php selected( $language, 'en' ); ?>>English</option>
							<option value="es" <?php selected( $language, 'es' ); ?>>Español</option>
							<option value="pt" <?php selected( $language, 'pt' ); ?>>Português</option>
						</select>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}

add_action( 'wp_enqueue_scripts', function () {
	$address = get_option( 'parley_chat_address', PARLEY_CHAT_DEFAULT_ADDRESS );
	$key     = get_option( 'parley_chat_campaign_key', PARLEY_CHAT_DEFAULT_KEY );
	if ( '' === $address || '' === $key ) {
		return;
	}
	wp_enqueue_script( 'parley-chat-widget', $address . '/widget.js', array(), null, array( 'in_footer' => true, 'strategy' => 'async' ) );
} );

/** The widget reads its campaign (and language) from its script tag. */
add_filter( 'script_loader_tag', function ( $tag, $handle ) {
	if ( 'parley-chat-widget' !== $handle ) {
		return $tag;
	}
	$attributes = ' data-campaign="' . esc_attr( get_option( 'parley_chat_campaign_key', PARLEY_CHAT_DEFAULT_KEY ) ) . '"';
	$language   = get_option( 'parley_chat_language', '' );
	if ( '' !== $language ) {
		$attributes .= ' data-lang="' . esc_attr( $language ) . '"';
	}
	return str_replace( ' src=', $attributes . ' src=', $tag );
}, 10, 2 );
`;
}

const UNINSTALL = `<?php
// Removes what the plugin stored when it is deleted from WordPress.
if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}
delete_option( 'parley_chat_address' );
delete_option( 'parley_chat_campaign_key' );
delete_option( 'parley_chat_language' );
`;

const README = `=== Parley Chat ===
Tags: chat, live chat, contact center, support
Requires at least: 5.8
Requires PHP: 7.4
Stable tag: ${VERSION}
License: MIT

Adds the Parley webchat widget of a campaign to every page of the site.

== Installation ==

1. Upload the zip in Plugins > Add New > Upload Plugin, and activate it.
2. The Parley address and campaign key are filled in already; change them in Settings > Parley Chat.
3. In Parley, add this site's address to the campaign's allowed domains if the campaign lists any.
`;

/** The plugin's files, by their path in the zip. */
export function wordpressPluginFiles(address: string, campaignKey: string): Map<string, string> {
  return new Map([
    [`${PLUGIN_SLUG}/${PLUGIN_SLUG}.php`, mainFile(address, campaignKey)],
    [`${PLUGIN_SLUG}/uninstall.php`, UNINSTALL],
    [`${PLUGIN_SLUG}/readme.txt`, README],
  ]);
}
