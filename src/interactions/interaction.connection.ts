import { ConnectionType } from '../graphql/connection.type';
import { Interaction } from './interaction.entity';

export const InteractionConnection = ConnectionType(Interaction, 'Interaction');
