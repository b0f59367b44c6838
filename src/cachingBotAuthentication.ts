import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { ReplySender, type ReplySenderOptions, type RequestSigner } from './replySender';

/** How many clients of each kind are kept; a local-mode caller can name any service URL. */
const MAX_CACHED_CLIENTS = 64;

/**
 * Keeps at most `max` values, dropping the least recently used one; a rejected creation is not
 * kept, so the next turn tries again.
 */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max = MAX_CACHED_CLIENTS) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const created = create();
    this.entries.set(key, created);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return created;
  }
}

/** Hands out one connector client per bot app id, service URL and audience, its replies sent by the ReplySender. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: ClientCache<ConnectorClient>,
    private readonly sender: ReplySender,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, async () =>
      withReplySender(await this.inner.create(serviceUrl, audience), serviceUrl, this.sender),
    );
  }
}

type ReplyToActivity = (conversationId: string, activityId: string, activity: Partial<Activity>, ...rest: unknown[]) => Promise<unknown>;
type SendToConversation = (conversationId: string, activity: Partial<Activity>, ...rest: unknown[]) => Promise<unknown>;

/**
 * Routes the client's replies (the calls CloudAdapter makes for every message) through the
 * ReplySender; calls with options or callbacks, and every other operation, keep the SDK's path.
 */
function withReplySender(client: ConnectorClient, serviceUrl: string, sender: ReplySender): ConnectorClient {
  const conversations = client.conversations as unknown as { replyToActivity: ReplyToActivity; sendToConversation: SendToConversation };
  const signer = (client as unknown as { credentials: RequestSigner }).credentials;
  const sdkReply = conversations.replyToActivity.bind(conversations);
  const sdkSend = conversations.sendToConversation.bind(conversations);
  conversations.replyToActivity = (conversationId, activityId, activity, ...rest) =>
    rest.length ? sdkReply(conversationId, activityId, activity, ...rest) : sender.send(serviceUrl, conversationId, activityId, activity, signer);
  conversations.sendToConversation = (conversationId, activity, ...rest) =>
    rest.length ? sdkSend(conversationId, activity, ...rest) : sender.send(serviceUrl, conversationId, undefined, activity, signer);
  return client;
}

const sameServiceUrl = (a: string, b: string | undefined): boolean =>
  b !== undefined && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** The bot's app id as the SDK reads it: the audience claim (channels), else the appid claim (Emulator). */
const appIdOf = (identity: ClaimsIdentity): string =>
  identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

/**
 * The SDK's authentication with its outbound clients reused across turns.
 *
 * @remarks
 * CloudAdapter builds a new ConnectorClient and UserTokenClient (each with its own HTTP pipeline
 * and credentials) for every incoming activity; the benchmark's CPU profile showed that building
 * them cost about a twentieth of a turn. A client holds nothing of a conversation (only the service
 * URL, the bot's credentials and their token cache), so one per app id, service URL and audience
 * serves every turn; credentials renew their own tokens. Inbound authentication is unchanged.
 * Replies go out through the ReplySender (replySender.ts says why).
 */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly sender: ReplySender;
  private readonly userTokenClients = new ClientCache<UserTokenClient>();

  /** @param replies options of the ReplySender (its deadline, the in-process channels). */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    replies: ReplySenderOptions = {},
  ) {
    super();
    this.sender = new ReplySender(replies);
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    // A channel's token names the service URL it was issued for: replies go there or nowhere
    // (issue 20; the SDK checks this for some token kinds only).
    const vouched = result.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
    if (vouched && !sameServiceUrl(vouched, activity.serviceUrl)) {
      throw new AuthenticationError('serviceUrl does not match the token', 401);
    }
    return this.withCachingFactory(result);
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectors, this.sender);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withCachingFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory } = result;
    if (!connectorFactory) return result;
    return { ...result, connectorFactory: new CachingConnectorFactory(connectorFactory, appIdOf(result.claimsIdentity), this.connectors, this.sender) };
  }
}
