import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { removeExpiredAuthState } from './housekeeping'
import * as routes from './routes'

export const authFeature: Feature = {
  tags: [{ name: 'Auth', description: 'Login by phone OTP, email OTP or ABHA (through ABDM); token refresh and logout.' }],
  routes: () =>
    createRouter()
      .openapi(routes.requestLoginOtp, routes.requestLoginOtpHandler)
      .openapi(routes.verifyLoginOtp, routes.verifyLoginOtpHandler)
      .openapi(routes.verifyAbhaMobileOtp, routes.verifyAbhaMobileOtpHandler)
      .openapi(routes.refreshTokens, routes.refreshTokensHandler)
      .openapi(routes.logout, routes.logoutHandler),
  jobs: [{ name: 'auth housekeeping', cron: '17 * * * *', run: (services) => removeExpiredAuthState(services.db) }],
}

export { openSession, signIn, type NewSession } from './sessions'
export { maskDestination } from './identifiers'
export { openAbhaChoice, closeAbhaChoice } from './abha-choice'
export { linkAbha, patientForAbha } from './store'
export { LoginSchema, OtpChallengeSchema, OtpVerifySchema } from './schema'
export { checkAbhaLinkOtp, sendLoginOtp } from './otp'
export { keepAbdmSession, withAbdmUser } from './abdm-session'
