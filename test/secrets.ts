/** Settings the tests share with the fakes. Test-only values, never used anywhere else. */
export const testSecrets = {
  JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnop',
  OTP_HASH_KEY: 'test-otp-hash-key-0123456789abcdefghijklmn',
  MSG91_AUTH_KEY: 'test-msg91-auth-key',
  MSG91_OTP_TEMPLATE_ID: 'test-otp-template',
  MSG91_DISPATCH_TEMPLATE_ID: 'test-dispatch-template',
  MSG91_INVITATION_TEMPLATE_ID: 'test-invitation-template',
  RESEND_API_KEY: 'test-resend-key',
  ABDM_CLIENT_ID: 'test-abdm-client',
  ABDM_CLIENT_SECRET: 'test-abdm-secret',
  NEON_WS_PROXY_SECRET: 'test-ws-proxy-secret-0123456789',
  HOSPITAL_SECRETS_KEY: 'dGVzdC1vbmx5LWhvc3BpdGFsLXNlY3JldHMta2V5ISE=',
  ABDM_TOKENS_KEY: 'dGVzdC1vbmx5LWFiZG0tdG9rZW5zLXNlYWxpbmctayE=',
  CHAT_HANDLE_KEY: 'test-chat-handle-key-0123456789abcdefghijk',
  GEMINI_API_KEY: 'test-gemini-key',
}
